import * as React from "react";
import {
  FluentProvider,
  makeStyles,
  Spinner,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { TemplateStore } from "../app/customTemplates";
import type { Lang } from "../app/language";
import type { NumberLocale, Template } from "../domain";
import type { AnnexHost } from "../host/annexHost";
import { S } from "./strings";

export interface TaskPaneProps {
  /** The workbook: the Office.js host inside Excel, the in-browser host in the preview. */
  readonly host: AnnexHost;
  /** Vietnamese unless Office's display language is not Vietnamese. */
  readonly lang?: Lang;
  /** The department's own templates. */
  readonly templates?: readonly Template[];
  /** Where templates added in the pane are kept: the page's localStorage unless given. */
  readonly store?: TemplateStore;
  /** How figures typed as text are read (vi-VN by default). */
  readonly locale?: NumberLocale;
  /** The screen shown first. */
  readonly initialTab?: TabId;
}

export type TabId = "templates" | "check" | "fill" | "districts";

/**
 * The screens, the session and the engine come as a second chunk, fetched while the frame below is
 * already drawn: the pane's first download stays small (issue #9: ≤ 200 KB gzip) and it shows
 * something at once.
 */
const PaneScreens = React.lazy(() =>
  import(/* webpackChunkName: "pane-screens" */ "./PaneScreens").then((m) => ({
    default: m.PaneScreens,
  }))
);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    minWidth: "280px",
    boxSizing: "border-box",
  },
  title: { margin: 0 },
});

/**
 * The task pane: four screens over one session. It renders results and dispatches actions; every
 * result comes from the session (src/app), which alone calls the engine and the host.
 */
export function TaskPane(props: TaskPaneProps): React.JSX.Element {
  const lang = props.lang ?? "vi";
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} lang={lang === "vi" ? "vi-VN" : "en"}>
      <main className={styles.root}>
        <Title3 as="h1" className={styles.title}>
          {S.appTitle[lang]}
        </Title3>
        <React.Suspense fallback={<Spinner size="small" label={S.working[lang]} />}>
          <PaneScreens {...props} />
        </React.Suspense>
      </main>
    </FluentProvider>
  );
}
