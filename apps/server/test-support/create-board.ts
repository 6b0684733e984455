import { BoardCreated, type TemplateKind } from "@quadrant/protocol";

/** Creates a board through the REST API and returns the checked response (id and tokens). */
export async function createBoard(
  url: string,
  template: TemplateKind = "blank",
  title = "Test board",
): Promise<BoardCreated> {
  const response = await fetch(`${url}/api/boards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, template }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/boards answered ${response.status}: ${await response.text()}`);
  }
  return BoardCreated.parse(await response.json());
}
