import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseCrumbs, CourseForm, ModuleForm } from "~/courses/components";
import { updateCourse } from "~/courses/courses.server";
import { addModule, deleteModule, modulesOf, moveModule, updateModule } from "~/courses/modules.server";
import { courseSchema, moduleRowSchema, moduleSchema } from "~/courses/schemas";
import { attachmentsOfMany, onlyFilesChanged, uploadLimits } from "~/files/attachments.server";
import { filesForEditing, readFilesForm } from "~/files/library.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { titleMeta } from "~/utils/meta";
import { courseEditPath, coursePath } from "~/paths";
import { requireCourse } from "~/permissions/guards.server";
import { badRequest, invalidForm, keepTyped, notFound, parseOrBadRequest } from "~/http/responses.server";
import type { User } from "lucia";

export const meta = titleMeta;

/** The course's fields and its modules: add, edit, move up or down, delete. Curators and the network's moderators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, course, user } = await requireCourse(request, params, "manageCourse");
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const modules = modulesOf(course.id);
  const files = attachmentsOfMany(
    "moduleId",
    modules.map((m) => m.id),
  );
  return json({
    title: `${t("courses.edit")}: ${course.title}`,
    network: { slug: network.slug, name: network.name },
    course: { id: course.id, title: course.title },
    values: {
      title: course.title,
      description: course.description,
      startsOn: course.startsOn ?? "",
      endsOn: course.endsOn ?? "",
      enrolment: course.enrolment,
    },
    modules: modules.map((m) => ({
      id: m.id,
      values: { title: m.title, description: m.description, materials: m.materials, dueOn: m.dueOn ?? "" },
      files: filesForEditing(files.get(m.id) ?? []),
    })),
    limits: uploadLimits(user.id, locale),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, course, user } = await requireCourse(request, params, "manageCourse");
  const formData = await request.formData();
  const place = { slug: network.slug, courseId: course.id, user, locale: await getLocale(request) };
  // "Upload the chosen files" and "remove" without JavaScript come from a module's form: it comes back as typed.
  const intent = onlyFilesChanged(formData) ? "module-files" : formData.get("intent");
  switch (intent) {
    case "preview":
      return preview(formData);
    case "save":
      return save(formData, place);
    case "module-add":
      return saveModule(formData, place, null);
    case "module-save":
      return saveModule(formData, place, ownModule(formData, course.id));
    // Enter in a module's field: the form's hidden first button, its own save (ModuleForm).
    case "enter":
    case "module-files":
      return saveModule(formData, place, formData.has("moduleId") ? ownModule(formData, course.id) : null);
    case "up":
    case "down": {
      const moduleId = ownModule(formData, course.id);
      moveModule(course.id, moduleId, intent);
      return redirect(courseEditPath(place.slug, place.courseId, moduleRowAnchor(moduleId)));
    }
    case "delete": {
      const { moduleId } = parseOrBadRequest(formData, moduleRowSchema);
      if (!deleteModule(course.id, moduleId)) throw notFound();
      return redirect(courseEditPath(place.slug, place.courseId, "modules"));
    }
    default:
      throw badRequest();
  }
}

/**
 * A module's row on this page; its form is `module-<id>`, and conform ties the form's fields to
 * that id (their form= attribute), so the row must not share it.
 */
const moduleRowAnchor = (moduleId: number) => `module-row-${moduleId}`;

type Place = { slug: string; courseId: number; user: User; locale: string };

/** The module a button names, when it is one of this course's (another course's is a 404). */
function ownModule(formData: FormData, courseId: number): number {
  const { moduleId } = parseOrBadRequest(formData, moduleRowSchema);
  if (!modulesOf(courseId).some((m) => m.id === moduleId)) throw notFound();
  return moduleId;
}

function preview(formData: FormData) {
  const submission = parseWithZod(formData, { schema: courseSchema });
  return json({ form: "course", result: submission.reply(), preview: previewMarkdown(submission.payload.description), files: null });
}

function save(formData: FormData, place: Place) {
  const submission = parseWithZod(formData, { schema: courseSchema });
  if (submission.status !== "success") return invalidForm({ form: "course", result: submission.reply(), preview: null, files: null });
  updateCourse(place.courseId, submission.value);
  return redirect(coursePath(place.slug, place.courseId));
}

/** A new module (moduleId null) or an edited one, with its files; a file refused or a description to fix stops the save. */
async function saveModule(formData: FormData, place: Place, moduleId: number | null) {
  const form = moduleId === null ? "module-new" : `module-${moduleId}`;
  const files = await readFilesForm(formData, place.user.id, place.locale, moduleId === null ? null : { moduleId });
  const submission = parseWithZod(formData, { schema: moduleSchema });
  if (onlyFilesChanged(formData)) return json({ form, result: keepTyped(submission), preview: null, files: files.reply });
  if (submission.status !== "success" || !files.ok) {
    return invalidForm({ form, result: submission.reply(), preview: null, files: files.reply });
  }
  const input = { ...files.input, userId: place.user.id };
  const id =
    moduleId === null ? addModule(place.courseId, submission.value, input) : (updateModule(moduleId, submission.value, input), moduleId);
  return redirect(courseEditPath(place.slug, place.courseId, moduleRowAnchor(id)));
}

export default function EditCourse() {
  const { t } = useTranslation();
  const { network, course, values, modules, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const filesFor = (form: string) => (actionData?.form === form ? (actionData.files ?? undefined) : undefined);
  return (
    <>
      <CourseCrumbs network={network} course={course} />
      <h1>{t("courses.edit")}</h1>
      <section aria-labelledby="course-heading">
        <h2 id="course-heading">{t("courses.aboutHeading")}</h2>
        <CourseForm
          lastResult={resultFor("course")}
          defaultValue={values}
          preview={actionData?.form === "course" ? actionData.preview : null}
          submitLabel={t("courses.save")}
        />
      </section>
      <section aria-labelledby="modules">
        <h2 id="modules">{t("courses.modulesHeading")}</h2>
        {modules.length === 0 ? <p className="muted">{t("courses.noModules")}</p> : null}
        <ol className="module-list">
          {modules.map((m, index) => (
            <li key={m.id} id={moduleRowAnchor(m.id)} className="module">
              <h3>{m.values.title}</h3>
              <div className="actions">
                {index > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="moduleId" value={m.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="up"
                      className="secondary"
                      aria-label={t("courses.moveUpLabel", { title: m.values.title })}
                    >
                      ↑ {t("courses.moveUp")}
                    </button>
                  </Form>
                ) : null}
                {index < modules.length - 1 ? (
                  <Form method="post">
                    <input type="hidden" name="moduleId" value={m.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="down"
                      className="secondary"
                      aria-label={t("courses.moveDownLabel", { title: m.values.title })}
                    >
                      ↓ {t("courses.moveDown")}
                    </button>
                  </Form>
                ) : null}
              </div>
              <details open={actionData?.form === `module-${m.id}`}>
                <summary>{t("courses.editModule")}</summary>
                <ModuleForm
                  id={`module-${m.id}`}
                  moduleId={m.id}
                  lastResult={resultFor(`module-${m.id}`)}
                  defaultValue={m.values}
                  submitLabel={t("courses.saveModule")}
                  files={filesFor(`module-${m.id}`) ?? m.files}
                  limits={limits}
                />
              </details>
              <details>
                <summary>{t("courses.deleteModule")}</summary>
                <p className="hint">{t("courses.deleteModuleHint")}</p>
                <Form method="post">
                  <input type="hidden" name="moduleId" value={m.id} />
                  <button type="submit" name="intent" value="delete" className="danger secondary">
                    {t("courses.deleteModuleConfirm", { title: m.values.title })}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ol>
        <h3 id="new-module">{t("courses.addModule")}</h3>
        <ModuleForm
          id="module-new"
          lastResult={resultFor("module-new")}
          submitLabel={t("courses.addModuleSubmit")}
          files={filesFor("module-new") ?? { attachments: [], descriptions: {} }}
          limits={limits}
        />
      </section>
    </>
  );
}
