import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homePath } from "~/paths";

/** One boundary for every route: 404 and 403 say what happened; anything else, no details. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A refusal may say why, as a translation key (e.g. "enrol in the course to ask here").
  const reason =
    isRouteErrorResponse(error) && typeof error.data?.message === "string" && i18n.exists(error.data.message) ? error.data.message : null;
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t(reason ?? "errors.forbidden")]
        : [t("errors.serverTitle"), t("errors.server")];
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to={homePath()}>{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
