import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { CourseDates } from "~/courses/components";
import { listCourses } from "~/courses/courses.server";
import { courseDates } from "~/courses/present";
import { getLocale, getT } from "~/i18n/i18next.server";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { can } from "~/permissions/permissions";
import { titleMeta } from "~/utils/meta";
import { coursePath, networkPath, newCoursePath } from "~/paths";
import { forbidden } from "~/http/responses.server";

export const meta = titleMeta;

/** The network's courses: dates, modules, how many enrolled, and whether the reader is. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const [auth, t, locale] = await Promise.all([getAuth(request), getT(request), getLocale(request)]);
  const context = contextFor(auth.user, network);
  if (!can("readNetwork", context)) throw forbidden("courses.errors.membersOnly");
  const courses = listCourses(network.id, auth.user?.id ?? null).map((c) => ({ ...c, ...courseDates(c, locale) }));
  return json(
    {
      title: `${t("courses.heading")}: ${network.name}`,
      network: { slug: network.slug, name: network.name },
      courses,
      canCreate: can("createCourse", context),
    },
    { headers: auth.headers },
  );
}

export default function Courses() {
  const { t } = useTranslation();
  const { network, courses, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(network.slug)}>{network.name}</a>
      </p>
      <div className="page-head">
        <h1>{t("courses.heading")}</h1>
        {canCreate ? (
          <a href={newCoursePath(network.slug)} className="button primary">
            {t("courses.create")}
          </a>
        ) : null}
      </div>
      <p className="muted">{t("courses.intro")}</p>
      {courses.length === 0 ? <p>{t("courses.empty")}</p> : null}
      <ul className="course-list">
        {courses.map((c) => (
          <li key={c.id} className="course-row">
            <h2>
              <a href={coursePath(network.slug, c.id)}>{c.title}</a>
            </h2>
            <p className="thread-meta">
              {c.enrolled ? <span className="badge solved">✓ {t("courses.youAreEnrolled")}</span> : null}{" "}
              {c.curating ? <span className="badge">{t("courses.youCurate")}</span> : null} <CourseDates starts={c.starts} ends={c.ends} />
            </p>
            <p className="thread-meta muted">
              {t("courses.modules", { count: c.moduleCount })} · {t("courses.enrolledCount", { count: c.enrolledCount })} ·{" "}
              {t(c.enrolment === "open" ? "courses.enrolment.openShort" : "courses.enrolment.listShort")}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
