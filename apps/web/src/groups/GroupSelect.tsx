/** A choice of group, "No group" first: the facilitator's placement and a person's own pick. */
export function GroupSelect(props: {
  label: string;
  testId: string;
  groups: readonly { id: string; name: string }[];
  value: string | null;
  onChange: (groupId: string | null) => void;
}) {
  return (
    <select aria-label={props.label} data-testid={props.testId} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value === "" ? null : e.target.value)}>
      <option value="">No group</option>
      {props.groups.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
        </option>
      ))}
    </select>
  );
}
