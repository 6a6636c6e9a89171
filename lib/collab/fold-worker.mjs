// Folds a document's logged updates into its state in a worker process: loading a 100-page text's
// state and encoding it again takes 20–75 ms, which on the server's thread would hold every
// collaborator's edits meanwhile (lib/collab/persistence.ts). Started at the lowest priority with
// tsx's loader for the project's TypeScript (lib/workers/worker-requests.ts).
import { serveRequests } from "../workers/serve-requests.mts";
import { foldUpdates } from "./fold-updates.ts";

serveRequests(async ({ baseState, updates, knownStateVector }) => foldUpdates({ baseState, updates, knownStateVector }));
