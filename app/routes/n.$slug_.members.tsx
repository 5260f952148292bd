import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { getT } from "~/i18n/i18next.server";
import { addMemberByEmail, listMembers, networkOr404, setRole } from "~/networks/networks.server";
import { addMemberSchema, roleSchema } from "~/networks/schemas";
import { assertCan, requirePermission } from "~/permissions/guards.server";
import { can, type Context } from "~/permissions/permissions";
import { titleMeta } from "~/utils/meta";
import { mentorProfilePath, networkPath } from "~/paths";
import { fieldErrorReply, invalidForm, notFound, parseOrBadRequest } from "~/http/responses.server";

export const meta = titleMeta;

/** Admins and the network's moderators manage its members; what each may grant is in permissions.ts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const { context } = await requirePermission(request, "grantMentor", network);
  const t = await getT(request);
  const query = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  return json({
    title: `${t("admin.membersHeading")}: ${network.name}`,
    network: { slug: network.slug, name: network.name },
    query,
    ...listMembers(network.id, query),
    canGrantModerator: can("grantModerator", context),
    canAddMember: can("addMember", context),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const { context } = await requirePermission(request, "grantMentor", network);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "add":
      return addMember(formData, network.id, context);
    default:
      return changeRole(formData, network.id, context);
  }
}

function addMember(formData: FormData, networkId: number, context: Context) {
  assertCan("addMember", context);
  const submission = parseWithZod(formData, { schema: addMemberSchema });
  if (submission.status !== "success") return invalidForm({ add: submission.reply(), done: null });
  const result = addMemberByEmail(networkId, submission.value.email);
  if (!result.ok) return invalidForm({ add: fieldErrorReply(submission, { field: "email", error: result.error }), done: null });
  return json({ add: submission.reply({ resetForm: true }), done: "admin.memberAdded" as const });
}

/** The role buttons: grant or revoke mentor or moderator. */
function changeRole(formData: FormData, networkId: number, context: Context) {
  const { userId, role, grant } = parseOrBadRequest(formData, roleSchema);
  assertCan(role === "moderator" ? "grantModerator" : "grantMentor", context);
  if (!setRole(networkId, userId, role, grant)) throw notFound();
  return json({ add: null, done: grant ? ("admin.roleGranted" as const) : ("admin.roleRevoked" as const) });
}

function RoleButton({ userId, role, has }: { userId: number; role: "mentor" | "moderator"; has: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="grant" value={has ? "false" : "true"} />
      <button type="submit" className={has ? "danger secondary" : "secondary"}>
        {has ? t("admin.revoke") : t("admin.grant")}: {t(`admin.${role}`)}
      </button>
    </Form>
  );
}

export default function Members() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof addMemberSchema>>({
    id: "add-member",
    lastResult: actionData?.add ?? undefined,
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <h1>
        {t("admin.membersHeading")}: <Link to={networkPath(data.network.slug)}>{data.network.name}</Link>
      </h1>
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      {data.canAddMember ? (
        <Form method="post" className="stack panel" {...getFormProps(form)}>
          <ErrorSummary fields={[fields.email]} />
          <TextField meta={fields.email} label={t("admin.addMember")} type="email" />
          <button type="submit" name="intent" value="add" className="secondary">
            {t("admin.add")}
          </button>
        </Form>
      ) : null}
      <Form method="get" className="stack" role="search">
        <div className="field">
          <label htmlFor="member-q">{t("admin.findMember")}</label>
          <input id="member-q" type="search" name="q" defaultValue={data.query} />
        </div>
        <button type="submit" className="secondary">
          {t("admin.find")}
        </button>
      </Form>
      <p className="muted">{t("admin.shown", { shown: data.members.length, total: data.total })}</p>
      {data.members.length === 0 ? (
        <p>{t("admin.noMembers")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("admin.member")}</th>
                <th scope="col">{t("admin.roles")}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.displayName}
                    <br />
                    <span className="muted">{m.email}</span>
                    {m.school ? (
                      <>
                        <br />
                        <span className="muted">{m.school}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="actions">
                    <RoleButton userId={m.userId} role="mentor" has={m.isMentor} />
                    {data.canGrantModerator ? <RoleButton userId={m.userId} role="moderator" has={m.isModerator} /> : null}
                    {m.isMentor ? (
                      <Link to={mentorProfilePath(data.network.slug, m.userId)}>
                        {t("mentoring.profile.heading")}
                        <span className="visually-hidden">: {m.displayName}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
