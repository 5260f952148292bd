import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale, getT } from "~/i18n/i18next.server";
import { LogList } from "~/moderation/log-list";
import { listLog, LOG_ACTIONS } from "~/moderation/log.server";
import { logActionKey, presentLogRow } from "~/moderation/present";
import { titleMeta } from "~/utils/meta";
import { modLogPath, modQueuePath } from "~/paths";
import { contextFor } from "~/permissions/context.server";
import { requireModerator } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";

export const meta = titleMeta;

/** The audit log of the networks the reader moderates; read-only, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, networks } = await requireModerator(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const url = new URL(request.url);
  const chosen = networks.find((n) => n.slug === url.searchParams.get("network"));
  const action = (LOG_ACTIONS as readonly string[]).includes(url.searchParams.get("action") ?? "") ? url.searchParams.get("action") : null;
  const before = Number.parseInt(url.searchParams.get("before") ?? "", 10);
  const { rows, next } = listLog({
    networkIds: chosen ? [chosen.id] : networks.map((n) => n.id),
    // Site-wide entries belong to no network: shown with "all networks", never under one.
    includeSiteWide: !chosen && can("readSiteWideLog", contextFor(user)),
    before: Number.isInteger(before) && before > 0 ? before : null,
    action,
  });
  const params = (extra: Record<string, string>) => {
    return modLogPath({ network: chosen?.slug, action, ...extra });
  };
  return json({
    title: t("moderation.log.heading"),
    networks: networks.map((n) => ({ slug: n.slug, name: n.name })),
    actions: LOG_ACTIONS.map((a) => ({ value: a, label: t(logActionKey(a)) })),
    query: { network: chosen?.slug ?? null, action },
    rows: rows.map((row) => presentLogRow(row, t, locale)),
    nextUrl: next ? params({ before: String(next) }) : null,
    firstUrl: Number.isInteger(before) ? params({}) : null,
  });
}

export default function ModerationLog() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <a href={modQueuePath()}>{t("moderation.queue.heading")}</a>
      </p>
      <h1>{t("moderation.log.heading")}</h1>
      <p className="muted">{t("moderation.log.intro")}</p>
      <form method="get" action={modLogPath()} className="stack">
        {data.networks.length > 1 ? (
          <div className="field">
            <label htmlFor="log-network">{t("moderation.queue.network")}</label>
            <select id="log-network" name="network" defaultValue={data.query.network ?? ""}>
              <option value="">{t("moderation.queue.allNetworks")}</option>
              {data.networks.map((n) => (
                <option key={n.slug} value={n.slug}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="log-action">{t("moderation.log.action")}</label>
          <select id="log-action" name="action" defaultValue={data.query.action ?? ""}>
            <option value="">{t("moderation.log.allActions")}</option>
            {data.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("moderation.queue.show")}
        </button>
      </form>
      {data.rows.length === 0 ? <p>{t("moderation.log.empty")}</p> : <LogList rows={data.rows} />}
      <nav className="pagination" aria-label={t("thread.pagination")}>
        {data.firstUrl ? <a href={data.firstUrl}>{t("moderation.log.newest")}</a> : null}
        {data.nextUrl ? (
          <a href={data.nextUrl} rel="next">
            {t("moderation.log.older")}
          </a>
        ) : null}
      </nav>
    </>
  );
}
