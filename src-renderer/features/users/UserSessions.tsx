/**
 * The focused user's login sessions under the table: each session's id, state, where (station),
 * from where (client) and when it logged in, or that there is none open.
 */
import type { UserRow, UserSession } from '../../../src-shared/users.ts';
import { formatDateTime } from '../../format.ts';
import { userName } from './user-rows.ts';
import { usersStrings as text } from './users-strings.ts';

export function sessionLine(session: UserSession): string {
  const parts = [
    text.session(session.id, text.sessionStates[session.state]),
    ...(session.station !== null ? [text.station(session.station)] : []),
    ...(session.clientName !== null ? [text.client(session.clientName)] : []),
    ...(session.loginAtMs !== null ? [text.loggedIn(formatDateTime(session.loginAtMs))] : []),
  ];
  return parts.join(', ');
}

export function UserSessions({ user }: { user: UserRow }) {
  const name = userName(user.user);
  return (
    <section className="page-details" aria-label={text.sessionsLabel(name)}>
      {user.sessions.length === 0 ? (
        text.noSessions(name)
      ) : (
        <>
          <strong>{text.sessionsLabel(name)}</strong>
          <ul>
            {user.sessions.map((session) => (
              <li key={session.id}>{sessionLine(session)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
