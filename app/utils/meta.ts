import type { MetaFunction } from "@remix-run/node";

/** Loaders translate their page title on the server and return it as `title`. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title;
  return [{ title: title ? `${title} — Коллеги / Kollegi` : "Коллеги / Kollegi" }];
};
