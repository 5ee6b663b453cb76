/**
 * The words history notes an alert in (event kind `alert`, its `detail`), written by the alert
 * service (src-main/alerts/alert-service.ts) and read back by the page's chart markers
 * (src-renderer/features/performance/alert-markers.ts). Plain (no schema library): the page loads it.
 */
const FIRED = ' fired: ';

/**
 * History's note (event kind `alert`, its `detail`) of an alert that fired: "CPU hog fired: burn
 * (4242): CPU 85 % for 3 s (above 40 %)". The service writes it, the charts' markers read it back
 * (`firedNoteRule`); the other alert notes are "<rule> cleared" and "<rule>: <action>: <outcome>".
 */
export const firedNote = (ruleName: string, message: string): string => `${ruleName}${FIRED}${message}`;

/**
 * The rule named by a fired note (`firedNote`); null for a cleared note or an action's outcome.
 * The text is all there is: a rule whose name itself holds " fired: " is named up to it, and an
 * outcome of a rule whose name ends in " fired" reads as fired.
 */
export function firedNoteRule(detail: string): string | null {
  const at = detail.indexOf(FIRED);
  return at > 0 ? detail.slice(0, at) : null;
}
