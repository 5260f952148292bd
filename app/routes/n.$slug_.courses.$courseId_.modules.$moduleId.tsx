import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination, ThreadList } from "~/components/thread-list";
import { CourseCrumbs, Materials } from "~/courses/components";
import { moduleOr404 } from "~/courses/modules.server";
import { attachmentsOf } from "~/files/attachments.server";
import { AttachmentList } from "~/files/components";
import { formatDay, materialsOf } from "~/courses/present";
import { getLocale } from "~/i18n/i18next.server";
import { can } from "~/permissions/permissions";
import { listThreads } from "~/threads/list.server";
import { presentRows } from "~/threads/present.server";
import { LIST_VIEWS, type ListView } from "~/threads/schemas";
import { titleMeta } from "~/utils/meta";
import { askPath, materialsLibraryPath, modulePath } from "~/paths";
import { readCourse } from "~/permissions/guards.server";

export const meta = titleMeta;

/** One module's questions, with the network page's views (unanswered, solved…). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, course, user, headers, context } = await readCourse(request, params);
  const courseModule = moduleOr404(course.id, params.moduleId);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const viewParam = url.searchParams.get("view") ?? "";
  const view: ListView = (LIST_VIEWS as readonly string[]).includes(viewParam) ? (viewParam as ListView) : "active";
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const list = listThreads({
    networkId: network.id,
    moduleId: courseModule.id,
    view,
    tag: null,
    page: Number.isFinite(page) && page > 0 ? page : 1,
    viewerId: user?.id ?? null,
  });
  return json(
    {
      title: `${courseModule.title} — ${course.title}`,
      network: { slug: network.slug, name: network.name },
      course: { id: course.id, title: course.title },
      module: {
        id: courseModule.id,
        title: courseModule.title,
        description: courseModule.description,
        materials: materialsOf(courseModule.materials),
        files: attachmentsOf({ moduleId: courseModule.id }),
        due: formatDay(courseModule.dueOn, locale),
      },
      view,
      list: { ...list, rows: presentRows(list.rows, locale, network.timeZone) },
      canAsk: can("askInCourse", context),
    },
    { headers },
  );
}

export default function ModulePage() {
  const { t } = useTranslation();
  const { network, course, module, view, list, canAsk } = useLoaderData<typeof loader>();
  const href = (next: { view?: ListView; page?: number }) => {
    const v = next.view ?? view;
    return modulePath(network.slug, course.id, module.id, {
      view: v !== "active" ? v : null,
      page: next.page && next.page > 1 ? next.page : null,
    });
  };
  return (
    <>
      <CourseCrumbs network={network} course={course} />
      <div className="page-head">
        <h1>{module.title}</h1>
        {canAsk ? (
          <a href={askPath(network.slug, { module: module.id })} className="button primary">
            {t("courses.askInModule")}
          </a>
        ) : null}
      </div>
      {module.due ? <p className="thread-meta">{t("courses.due", { date: module.due })}</p> : null}
      {module.description ? <p className="module-description">{module.description}</p> : null}
      <Materials
        materials={module.materials}
        heading="h2"
        files={
          module.files.length ? (
            <>
              <AttachmentList attachments={module.files} />
              <p className="library-link">
                <a href={materialsLibraryPath(network.slug, { from: course.id })}>{t("materials.courseLink")}</a>
              </p>
            </>
          ) : null
        }
      />
      <section aria-labelledby="threads">
        <h2 id="threads">{t("courses.moduleQuestions")}</h2>
        <nav aria-label={t("list.views")}>
          <ul className="tabs">
            {list.views.map((v) => (
              <li key={v}>
                <Link to={href({ view: v })} aria-current={v === view ? "page" : undefined}>
                  {t(`list.${v}`)} <span className="count-badge">{list.counts[v]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {list.rows.length ? (
          <ThreadList rows={list.rows} networkSlug={network.slug} />
        ) : (
          <p className="muted">{t("courses.noQuestions")}</p>
        )}
        <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => href({ page })} />
      </section>
    </>
  );
}
