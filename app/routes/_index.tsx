import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { listNetworks, listNetworksOf, type NetworkSummary } from "~/networks/networks.server";
import { ThreadList } from "~/components/thread-list";
import { latestActivity } from "~/threads/list.server";
import { presentRows } from "~/threads/present.server";
import { titleMeta } from "~/utils/meta";
import { networkPath } from "~/paths";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, t, locale] = await Promise.all([getAuth(request), getT(request), getLocale(request)]);
  const mine = auth.user ? listNetworksOf(auth.user.id) : [];
  // Dates on the home page use Moscow time: the threads come from many networks.
  const latest = presentRows(latestActivity(auth.user?.id ?? null), locale, "Europe/Moscow");
  return json({ title: t("home.heading"), mine, all: listNetworks(), latest, signedIn: auth.user !== null }, { headers: auth.headers });
}

function NetworkCards({ networks }: { networks: NetworkSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="cards">
      {networks.map((n) => (
        <li key={n.id} className="card">
          <h3>
            <Link to={networkPath(n.slug)}>{n.name}</Link>
          </h3>
          <p className="muted">{n.region}</p>
          <p>
            {t("home.members", { count: n.memberCount })}
            {n.visibility === "members" ? (
              <>
                {" "}
                · <span className="badge">{t("network.membersOnly")}</span>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function Home() {
  const { t } = useTranslation();
  const { mine, all, latest, signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p>{t("home.intro")}</p>
      {mine.length > 0 ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("home.yourNetworks")}</h2>
          <NetworkCards networks={mine} />
        </section>
      ) : null}
      {latest.length > 0 ? (
        <section aria-labelledby="latest">
          <h2 id="latest">{signedIn ? t("list.latest") : t("list.latestGuest")}</h2>
          <ThreadList rows={latest} />
        </section>
      ) : null}
      <section aria-labelledby="all">
        <h2 id="all">{t("home.allNetworks")}</h2>
        {all.length ? <NetworkCards networks={all} /> : <p>{t("home.empty")}</p>}
      </section>
    </>
  );
}
