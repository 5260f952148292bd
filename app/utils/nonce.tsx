import { createContext, useContext, type ReactNode } from "react";

/** The per-response CSP nonce (server.mjs makes it; browsers hide it from the DOM afterwards). */
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export const useNonce = () => useContext(NonceContext);
