import { HocuspocusProvider, HocuspocusProviderWebsocket, type HocuspocusProviderConfiguration } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { keepSaveStateHonest } from "@/lib/collab/client";

/** A ws client class for the provider that presents a cookie (and optionally an Origin), as a browser would. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  };
}

/** A Hocuspocus provider in Node, signed in with the given cookie; `closeClient` tears it down. */
export function connectProvider({ url, documentId, cookie, document = new Y.Doc(), headers = {}, ...options }: {
  url: string;
  documentId: string;
  cookie: string;
  document?: Y.Doc;
  headers?: Record<string, string>;
} & Partial<Omit<HocuspocusProviderConfiguration, "url" | "name" | "document" | "websocketProvider">>): HocuspocusProvider {
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: webSocketWithHeaders({ cookie, ...headers }),
    // Tests reconnect quickly after a server restart.
    delay: 200,
    minDelay: 200,
    maxDelay: 1000,
  });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentId, token: "session", document, ...options });
  // As the editor does: without it, "saved" can be reported early after a reconnection.
  keepSaveStateHonest(provider);
  provider.attach();
  return provider;
}

/** Destroys a provider and its socket, like closing the tab. */
export function closeClient(provider: HocuspocusProvider): void {
  provider.destroy();
  provider.configuration.websocketProvider.destroy();
}
