import * as React from "react";
import { makeStyles, Tab, TabList, tokens } from "@fluentui/react-components";
import { AnnexSession, pageTemplateStore } from "../app";
import { CheckTab } from "./CheckTab";
import { Diagnostics } from "./Diagnostics";
import { Progress } from "./Feedback";
import { Pane, PaneContext } from "./paneContext";
import { S } from "./strings";
import type { TabId, TaskPaneProps } from "./TaskPane";

// The screens besides "Kiểm tra" load when first opened: their parts of Fluent UI (tables, dialog,
// inputs, progress bar) stay out of the pane's first download.
const TemplatesTab = React.lazy(() =>
  import(/* webpackChunkName: "pane-templates" */ "./TemplatesTab").then((m) => ({
    default: m.TemplatesTab,
  }))
);
const FillTab = React.lazy(() =>
  import(/* webpackChunkName: "pane-fill" */ "./FillTab").then((m) => ({ default: m.FillTab }))
);
const DistrictFilesTab = React.lazy(() =>
  import(/* webpackChunkName: "pane-districts" */ "./DistrictFilesTab").then((m) => ({
    default: m.DistrictFilesTab,
  }))
);

const TABS: ReadonlyArray<{ readonly id: TabId; readonly label: typeof S.tabCheck }> = [
  { id: "templates", label: S.tabTemplates },
  { id: "check", label: S.tabCheck },
  { id: "fill", label: S.tabFill },
  { id: "districts", label: S.tabDistricts },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Four tabs on one line at the pane's narrowest (320 px): Office's small text size and tight
  // padding; they wrap only if a translation is longer.
  tabs: { flexWrap: "wrap", marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})` },
  tab: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    "& span": { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  },
});

/**
 * The pane's four screens over one session (loaded after the pane's frame, see TaskPane). It renders results and dispatches actions; every
 * result comes from the session (src/app), which alone calls the engine and the host.
 */
export function PaneScreens(props: TaskPaneProps): React.JSX.Element {
  const { host, templates, locale, store } = props;
  const lang = props.lang ?? "vi";
  const styles = useStyles();
  const session = React.useMemo(
    () =>
      new AnnexSession(host, {
        ...(templates ? { templates } : {}),
        ...(locale ? { locale } : {}),
        store: store ?? pageTemplateStore(),
      }),
    [host, templates, locale, store]
  );
  const [tab, setTab] = React.useState<TabId>(props.initialTab ?? "check");
  const [visited, setVisited] = React.useState<ReadonlySet<TabId>>(new Set([tab]));
  const [revision, setRevision] = React.useState(0);
  const context = React.useMemo<PaneContext>(
    () => ({ session, lang, revision, changed: () => setRevision((r) => r + 1) }),
    [session, lang, revision]
  );

  const screens: Readonly<Record<TabId, React.ComponentType>> = {
    templates: TemplatesTab,
    check: CheckTab,
    fill: FillTab,
    districts: DistrictFilesTab,
  };

  return (
    <Pane.Provider value={context}>
      <div className={styles.root}>
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={tab}
          aria-label={S.tabs[lang]}
          onTabSelect={(_e, data) => {
            const id = data.value as TabId;
            setTab(id);
            setVisited((v) => new Set([...v, id]));
          }}
        >
          {TABS.map((t) => (
            <Tab
              key={t.id}
              value={t.id}
              id={`tab-${t.id}`}
              aria-controls={`panel-${t.id}`}
              className={styles.tab}
            >
              {t.label[lang]}
            </Tab>
          ))}
        </TabList>
        {TABS.map(({ id }) => {
          const Screen = screens[id];
          // A screen keeps its results when another is shown; it is drawn the first time it is opened.
          return (
            <div
              key={id}
              id={`panel-${id}`}
              role="tabpanel"
              aria-labelledby={`tab-${id}`}
              hidden={tab !== id}
            >
              {visited.has(id) && (
                <React.Suspense fallback={<Progress show label={S.working} />}>
                  <Screen />
                </React.Suspense>
              )}
            </div>
          );
        })}
        {host.diagnose && <Diagnostics host={host} />}
      </div>
    </Pane.Provider>
  );
}
