import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth, requireUser } from "~/auth/auth.server";
import { getT } from "~/i18n/i18next.server";
import { getNetworkBySlug, joinNetwork, leaveNetwork, staffOf } from "~/networks/networks.server";
import { assertCan, contextFor, forbidden } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

function loadNetwork(slug: string | undefined) {
  const network = slug ? getNetworkBySlug(slug) : undefined;
  if (!network) throw new Response("Not found", { status: 404 });
  return network;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = loadNetwork(params.slug);
  const auth = await getAuth(request);
  const context = contextFor(auth.user, network);
  const t = await getT(request);
  const canRead = can("readNetwork", context);
  return json(
    {
      title: network.name,
      network: {
        slug: network.slug,
        name: network.name,
        region: network.region,
        timeZone: network.timeZone,
        description: network.description,
        visibility: network.visibility,
      },
      signedIn: auth.user !== null,
      isMember: context.standing != null,
      canJoin: can("joinNetwork", context),
      canLeave: can("leaveNetwork", context),
      canRead,
      canManageMembers: can("grantMentor", context),
      staff: canRead ? staffOf(network.id) : null,
      roleNote: context.standing?.moderator
        ? t("network.roleModerator")
        : context.standing?.mentor
          ? t("network.roleMentor")
          : null,
    },
    { headers: auth.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = loadNetwork(params.slug);
  const user = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  const context = contextFor(user, network);
  if (intent === "join") {
    assertCan("joinNetwork", context);
    joinNetwork(user.id, network.id);
  } else if (intent === "leave") {
    assertCan("leaveNetwork", context);
    leaveNetwork(user.id, network.id);
  } else {
    throw forbidden();
  }
  return redirect(`/n/${network.slug}`);
}

export default function NetworkPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { network, staff } = data;
  return (
    <>
      <h1>{network.name}</h1>
      {network.description ? <p>{network.description}</p> : null}
      <div className="panel">
        <dl className="facts">
          <dt>{t("network.region")}</dt>
          <dd>{network.region}</dd>
          <dt>{t("network.timeZone")}</dt>
          <dd>{network.timeZone}</dd>
          {staff ? (
            <>
              <dt>{t("network.moderators")}</dt>
              <dd>{staff.moderators.join(", ") || t("network.none")}</dd>
              <dt>{t("network.mentors")}</dt>
              <dd>{staff.mentors.join(", ") || t("network.none")}</dd>
            </>
          ) : null}
        </dl>
        {network.visibility === "members" ? <p className="muted">{t("network.membersOnlyHint")}</p> : null}
      </div>
      <div className="actions">
        {data.isMember ? (
          <p>
            {t("network.joined")} {data.roleNote ? <span className="badge">{data.roleNote}</span> : null}
          </p>
        ) : null}
        {data.canJoin ? (
          <Form method="post">
            <button type="submit" name="intent" value="join" className="primary">
              {t("network.join")}
            </button>
          </Form>
        ) : null}
        {data.canLeave ? (
          <Form method="post">
            <button type="submit" name="intent" value="leave" className="secondary">
              {t("network.leave")}
            </button>
          </Form>
        ) : null}
        {data.canManageMembers ? (
          <p>
            <Link to={`/n/${network.slug}/members`}>{t("admin.membersHeading")}</Link>
          </p>
        ) : null}
        {!data.signedIn ? (
          <p>
            <Link to={`/login?redirectTo=/n/${network.slug}`}>{t("network.loginToJoin")}</Link>
          </p>
        ) : null}
      </div>
      {data.canRead ? (
        <section aria-labelledby="threads">
          <h2 id="threads">{t("network.threads")}</h2>
          <p className="muted">{t("network.threadsSoon")}</p>
        </section>
      ) : null}
    </>
  );
}
