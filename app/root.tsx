import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { pendingForUser } from "~/announcements/announcements.server";
import { getAuth } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fallbackLanguage, resources } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18next.server";
import { moderationBadge } from "~/moderation/queue.server";
import { unreadCount } from "~/notifications/notifications.server";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";
import {
  adminPath,
  homePath,
  announcementAckPath,
  announcementPath,
  languagePath,
  loginPath,
  logoutPath,
  modQueuePath,
  myAnnouncementsPath,
  notificationsPath,
  profileSettingsPath,
  registerPath,
  searchPath,
} from "~/paths";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, locale] = await Promise.all([getAuth(request), getLocale(request)]);
  const user = auth.user
    ? {
        id: auth.user.id,
        displayName: auth.user.displayName,
        isAdmin: auth.user.isAdmin,
        unread: unreadCount(auth.user.id),
        moderation: moderationBadge(auth.user),
        // Announcements that must be acknowledged, on top of every page until they are (one indexed query).
        pending: pendingForUser(auth.user.id),
      }
    : null;
  return json({ locale, user }, { headers: auth.headers });
}

/** The title when a route fails before it can give its own (404, 403, errors). */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const errors = resources[data?.locale ?? fallbackLanguage].common.errors;
  const status = isRouteErrorResponse(error) ? error.status : error ? 500 : 200;
  const title = status === 404 ? errors.notFoundTitle : status === 403 ? errors.forbiddenTitle : status >= 400 ? errors.serverTitle : null;
  return [{ title: title ? `${title} — Коллеги / Kollegi` : "Коллеги / Kollegi" }];
};

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const location = useLocation();
  const data = useRootData();
  const other = data?.locale === "en" ? "ru" : "en";
  return (
    <Form method="post" action={languagePath()} className="language-switch">
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" lang={other}>
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

function Header() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="header-inner">
        <Link to={homePath()} className="brand">
          {t("nav.home")}
        </Link>
        <form method="get" action={searchPath()} role="search" className="header-search">
          <label htmlFor="header-q" className="visually-hidden">
            {t("search.header")}
          </label>
          <input id="header-q" type="search" name="q" placeholder={t("search.placeholder")} />
          <button type="submit" className="header-search-button">
            {t("search.submit")}
          </button>
        </form>
        <nav aria-label={t("nav.main")}>
          <ul>
            {user ? (
              <>
                <li>
                  <Link to={notificationsPath()} className="bell">
                    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
                      <path
                        fill="currentColor"
                        d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.8V3.5a1.5 1.5 0 0 0-3 0v.7A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
                      />
                    </svg>
                    {user.unread > 0 ? (
                      <span className="bell-count" aria-hidden="true">
                        {user.unread > 99 ? "99+" : user.unread}
                      </span>
                    ) : null}
                    <span className="visually-hidden">
                      {user.unread > 0 ? t("notifications.bellUnread", { count: user.unread }) : t("notifications.bell")}
                    </span>
                  </Link>
                </li>
                {user.moderation !== null ? (
                  <li>
                    <a href={modQueuePath()}>
                      {t("moderation.nav")}
                      {user.moderation > 0 ? (
                        <>
                          {" "}
                          <span className="bell-count" aria-hidden="true">
                            {user.moderation > 99 ? "99+" : user.moderation}
                          </span>
                          <span className="visually-hidden">{t("moderation.navWaiting", { count: user.moderation })}</span>
                        </>
                      ) : null}
                    </a>
                  </li>
                ) : null}
                <li>
                  <Link to={profileSettingsPath()}>{user.displayName}</Link>
                </li>
                {user.isAdmin ? (
                  <li>
                    <Link to={adminPath()}>{t("nav.admin")}</Link>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action={logoutPath()}>
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to={loginPath()}>{t("nav.login")}</Link>
                </li>
                <li>
                  <Link to={registerPath()}>{t("nav.register")}</Link>
                </li>
              </>
            )}
            <li>
              <LanguageSwitch />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The signed-in user's announcements awaiting "I have read this"; one click acknowledges and returns here. */
function AnnouncementBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const pending = useRootData()?.user?.pending;
  if (!pending || pending.total === 0) return null;
  const here = location.pathname + location.search;
  const more = pending.total - pending.rows.length;
  return (
    <aside className="announcement-banner" aria-labelledby="announcement-banner-heading">
      <div className="banner-inner">
        <h2 id="announcement-banner-heading">{t("announcements.banner")}</h2>
        <ul>
          {pending.rows.map((a) => (
            <li key={a.id}>
              <a href={announcementPath(a.id)}>{a.title}</a>
              <form method="post" action={announcementAckPath(a.id)} className="inline-form">
                <input type="hidden" name="redirectTo" value={here} />
                <button type="submit" className="secondary small" aria-label={`${t("announcements.acknowledge")}: ${a.title}`}>
                  {t("announcements.acknowledge")}
                </button>
              </form>
            </li>
          ))}
        </ul>
        {more > 0 ? (
          <p>
            <a href={myAnnouncementsPath()}>{t("announcements.bannerMore", { count: more })}</a>
          </p>
        ) : null}
      </div>
    </aside>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? fallbackLanguage;
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  useChangeLanguage(locale);
  return (
    <html lang={locale} dir={i18n.dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <AnnouncementBanner />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("footer.about")}</p>
        </footer>
        {/* The only script: tiny, framework-free enhancements (live preview, similar threads); no
            React in the browser, every page works without it (docs/decisions/006). */}
        <script type="module" src="/enhance.js" nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
