import { useTranslation } from "react-i18next";
import type { PresentedLogRow } from "./present";
import { modUserPath } from "~/paths";

/** Log entries as a list (a table does not fit a phone): when, who, what, on what, why. */
export function LogList({ rows }: { rows: PresentedLogRow[] }) {
  const { t } = useTranslation();
  return (
    <ol className="log">
      {rows.map((row) => (
        <li key={row.id} className="log-entry">
          <p className="muted">
            <time dateTime={row.whenIso}>{row.when}</time>
            {row.networkName ? <> · {row.networkName}</> : <> · {t("moderation.log.siteWide")}</>}
          </p>
          <p>
            <a href={modUserPath(row.actorId)}>{row.actorName}</a> — {row.action}:{" "}
            {row.url ? <a href={row.url}>{row.target}</a> : <span>{row.target}</span>}
            {row.extra ? <> ({row.extra})</> : null}
          </p>
          {row.reason ? (
            <p>
              <strong>{t("moderation.log.reason")}</strong> {row.reason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
