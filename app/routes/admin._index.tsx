import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getT } from "~/i18n/i18next.server";
import { listNetworks } from "~/networks/networks.server";
import { requireAdmin } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";
import { membersPath, networkPath, newNetworkPath } from "~/paths";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await getT(request);
  return json({ title: t("admin.heading"), networks: listNetworks() });
}

export default function AdminHome() {
  const { t } = useTranslation();
  const { networks } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.heading")}</h1>
      <p>
        <Link to={newNetworkPath()} className="button primary">
          {t("admin.newNetwork")}
        </Link>
      </p>
      <h2>{t("admin.networks")}</h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.region")}</th>
              <th scope="col">{t("admin.timeZone")}</th>
              <th scope="col">{t("admin.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {networks.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link to={networkPath(n.slug)}>{n.name}</Link>
                </td>
                <td>{n.region}</td>
                <td>{n.timeZone}</td>
                <td>
                  <Link to={membersPath(n.slug)}>{t("home.members", { count: n.memberCount })}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
