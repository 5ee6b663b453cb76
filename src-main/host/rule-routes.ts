/**
 * `PUT /api/rules/:id` and `DELETE /api/rules/:id` as the commands they are (`putRule`, `deleteRule`):
 * the id from the path, the rule's fields from the body (`parseRuleSpec`: 400 INVALID_ARGUMENT naming
 * the field). Pure; http-api.ts reads the body and runs the command through the same policy as the
 * stream's (remote-commands.ts). `GET /api/rules` and `/api/alerts` are the `rules` and `alerts` queries.
 */
import { parseRuleSpec, ruleIdSchema } from '../../src-shared/alert-schema.ts';
import { failure, type CommandArgs, type Failure } from '../../src-shared/commands.ts';

export type RuleCommand = { name: 'putRule'; args: CommandArgs<'putRule'> } | { name: 'deleteRule'; args: CommandArgs<'deleteRule'> };

/** The command a rule route asks for; `body` is the parsed JSON of a PUT (ignored for a DELETE). */
export function ruleCommandOf(method: 'PUT' | 'DELETE', idText: string, body: unknown): { ok: true; value: RuleCommand } | Failure {
  const id = ruleIdSchema.safeParse(decodePathPart(idText));
  if (!id.success) return failure('INVALID_ARGUMENT', `rule: id: ${id.error.issues[0]?.message ?? 'not a rule id'}`);
  if (method === 'DELETE') return { ok: true, value: { name: 'deleteRule', args: { id: id.data } } };
  const spec = parseRuleSpec(body);
  if (!spec.ok) return spec;
  return { ok: true, value: { name: 'putRule', args: { rule: { ...spec.value, id: id.data } } } };
}

/** A path segment as text (`%20` and the like decoded); a malformed escape is kept as it is, for the schema to refuse. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
