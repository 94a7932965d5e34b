import * as React from "react";
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { Lang } from "../app/language";
import type { Bilingual } from "../domain";
import { S } from "./strings";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
});

/** While Office.js loads: the pane says it is connecting, in both languages (the language is not known yet). */
export function Connecting(): React.JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        <Spinner size="small" label={`${S.loadingOffice.vi} / ${S.loadingOffice.en}`} />
      </div>
    </FluentProvider>
  );
}

/** No Excel (a browser tab, Word, offline, no answer): what happened, what to do, and the preview. */
export function OutsideExcel(props: {
  readonly message: Bilingual;
  readonly lang?: Lang;
}): React.JSX.Element {
  const styles = useStyles();
  const langs: readonly Lang[] = props.lang ? [props.lang] : ["vi", "en"];
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        {langs.map((lang) => (
          <MessageBar key={lang} intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{S.notInExcelTitle[lang]}</MessageBarTitle>
              {props.message[lang]}
            </MessageBarBody>
          </MessageBar>
        ))}
        {langs.map((lang) => (
          <Text key={lang}>{S.previewHint[lang]}</Text>
        ))}
      </main>
    </FluentProvider>
  );
}
