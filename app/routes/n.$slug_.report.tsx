import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale, getT } from "~/i18n/i18next.server";
import { formatDuration } from "~/mentoring/present";
import { responseReport } from "~/mentoring/report.server";
import { REPORT_PERIODS, reportPeriod } from "~/mentoring/schemas";
import type { Share, Spread } from "~/mentoring/stats";
import { networkOr404 } from "~/networks/networks.server";
import { requirePermission } from "~/permissions/guards.server";
import { formatDate } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { networkPath, reportPath } from "~/paths";

export const meta = titleMeta;

/** Mentors and moderators of the network (and admins) read how fast questions are answered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  await requirePermission(request, "viewMentoringReport", network);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const days = reportPeriod(new URL(request.url).searchParams.get("days"));
  const report = responseReport(network, days);
  const duration = (ms: number | null) => (ms === null ? null : formatDuration(t, ms));
  const spread = (s: Spread) => ({ count: s.count, median: duration(s.median), p90: duration(s.p90) });
  return json({
    title: `${t("mentoring.report.heading")}: ${network.name}`,
    network: { slug: network.slug, name: network.name, hours: network.firstResponseHours },
    days,
    since: formatDate(report.since, locale, network.timeZone),
    asked: report.asked,
    firstResponse: spread(report.firstResponse),
    unanswered: report.unanswered,
    accepted: spread(report.accepted),
    inTime: report.inTime,
    waiting: report.waiting,
    escalations: report.escalations,
    toModerators: report.toModerators,
    noMentorFree: report.noMentorFree,
    mentors: report.mentors.map((m) => ({
      userId: m.userId,
      name: m.name,
      assigned: m.assigned,
      met: m.met,
      inTime: m.inTime,
      missed: m.missed,
      passedOn: m.passedOn,
      response: duration(m.response.median),
      open: m.load ? { open: m.load.open, capacity: m.load.capacity, overdue: m.load.overdue, away: m.load.away } : null,
    })),
  });
}

function ShareText({ value }: { value: Share }) {
  const { t } = useTranslation();
  if (value.percent === null) return <>{t("mentoring.report.none")}</>;
  return <>{t("mentoring.report.share", { percent: value.percent, part: value.part, whole: value.whole })}</>;
}

function SpreadText({ value }: { value: { count: number; median: string | null; p90: string | null } }) {
  const { t } = useTranslation();
  if (value.count === 0) return <>{t("mentoring.report.none")}</>;
  return (
    <>
      {t("mentoring.report.spread", { median: value.median, p90: value.p90 })}{" "}
      <span className="muted">({t("mentoring.report.over", { count: value.count })})</span>
    </>
  );
}

export default function Report() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to={networkPath(data.network.slug)}>{data.network.name}</Link>
      </p>
      <h1>{t("mentoring.report.heading")}</h1>
      <nav aria-label={t("mentoring.report.periods")}>
        <ul className="tabs">
          {REPORT_PERIODS.map((days) => (
            <li key={days}>
              <Link to={reportPath(data.network.slug, { days })} aria-current={days === data.days ? "page" : undefined}>
                {t("mentoring.report.days", { count: days })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">{t("mentoring.report.since", { date: data.since })}</p>

      <section aria-labelledby="summary-heading" className="panel">
        <h2 id="summary-heading">{t("mentoring.report.summary")}</h2>
        <dl className="facts report-facts">
          <dt>{t("mentoring.report.asked")}</dt>
          <dd>{data.asked}</dd>
          <dt>{t("mentoring.report.firstResponse")}</dt>
          <dd>
            <SpreadText value={data.firstResponse} />
            {data.unanswered > 0 ? (
              <>
                <br />
                <span className="muted">{t("mentoring.report.unanswered", { count: data.unanswered })}</span>
              </>
            ) : null}
          </dd>
          <dt>{t("mentoring.report.inTime")}</dt>
          <dd>
            <ShareText value={data.inTime} />
            {data.waiting > 0 ? (
              <>
                <br />
                <span className="muted">{t("mentoring.report.waiting", { count: data.waiting })}</span>
              </>
            ) : null}
          </dd>
          <dt>{t("mentoring.report.accepted")}</dt>
          <dd>
            <SpreadText value={data.accepted} />
          </dd>
          <dt>{t("mentoring.report.escalations")}</dt>
          <dd>
            {data.escalations}
            <br />
            <span className="muted">
              {t("mentoring.report.toModerators", { count: data.toModerators })};{" "}
              {t("mentoring.report.noMentorFree", { count: data.noMentorFree })}
            </span>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">{t("mentoring.report.mentorsHeading")}</h2>
        {data.mentors.length === 0 ? (
          <p className="muted">{t("mentoring.report.noMentors")}</p>
        ) : (
          // Focusable, so a keyboard can scroll the table sideways on a phone.
          <div className="table-wrap" role="region" aria-labelledby="mentors-heading" tabIndex={0}>
            <table className="data report-table">
              <caption>{t("mentoring.report.mentorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("mentoring.report.mentor")}</th>
                  <th scope="col">{t("mentoring.report.assigned")}</th>
                  <th scope="col">{t("mentoring.report.met")}</th>
                  <th scope="col">{t("mentoring.report.inTimeShort")}</th>
                  <th scope="col">{t("mentoring.report.missed")}</th>
                  <th scope="col">{t("mentoring.report.passedOn")}</th>
                  <th scope="col">{t("mentoring.report.response")}</th>
                  <th scope="col">{t("mentoring.report.loadNow")}</th>
                </tr>
              </thead>
              <tbody>
                {data.mentors.map((m) => (
                  <tr key={m.userId}>
                    <th scope="row">{m.name}</th>
                    <td>{m.assigned}</td>
                    <td>{m.met}</td>
                    <td>
                      <ShareText value={m.inTime} />
                    </td>
                    <td>{m.missed}</td>
                    <td>{m.passedOn}</td>
                    <td>{m.response ?? "—"}</td>
                    <td>
                      {m.open ? (
                        <>
                          {t("mentoring.manage.loadValue", { open: m.open.open, capacity: m.open.capacity })}
                          {m.open.overdue > 0 ? <>, {t("mentoring.report.overdueNow", { count: m.open.overdue })}</> : null}
                          {m.open.away ? <>, {t("mentoring.report.away")}</> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <details className="panel">
        <summary>{t("mentoring.report.definitions")}</summary>
        <ul>
          <li>{t("mentoring.report.defFirst")}</li>
          <li>{t("mentoring.report.defDeadline", { hours: data.network.hours })}</li>
          <li>{t("mentoring.report.defPercentile")}</li>
          <li>{t("mentoring.report.defMentor")}</li>
        </ul>
      </details>
    </>
  );
}
