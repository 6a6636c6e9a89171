import Link from "next/link";

/** "Not found" inside the workspace: a card in the page frame, under the navigation. */
export default function WorkspaceNotFound() {
  return (
    <section className="card not-found-card" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Not found</h1>
      <p className="muted">This page does not exist, or you do not have access to it.</p>
      <Link className="button" href="/">Back to the home page</Link>
    </section>
  );
}
