import { useMatches } from "@remix-run/react";

/**
 * Pages are plain HTML unless a route asks for JavaScript with `handle = { hydrate: true }`
 * (live previews, suggestions while typing). A first visit then costs the HTML and one
 * stylesheet instead of ~110 KiB of React on a slow rural link. See docs/decisions/006.
 */
export type RouteHandle = { hydrate?: boolean; i18n?: string[] };

export function useShouldHydrate(): boolean {
  return useMatches().some((match) => (match.handle as RouteHandle | undefined)?.hydrate === true);
}
