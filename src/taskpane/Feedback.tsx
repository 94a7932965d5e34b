import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import type { Bilingual, Problem } from "../app";
import { usePane } from "./paneContext";
import { S } from "./strings";

/** A problem as a message bar: what happened, and what to do, never a dead end. */
export function ProblemBar(props: {
  readonly problem: Problem | undefined;
  readonly onDismiss?: () => void;
  readonly children?: React.ReactNode;
}): React.JSX.Element | null {
  const { t } = usePane();
  const { problem } = props;
  if (!problem) return null;
  // The message already names the cells written before it stopped (see Problem.written).
  return (
    <MessageBar
      intent={
        problem.code === "sheet-exists" || problem.code === "template-conflict"
          ? "warning"
          : "error"
      }
      layout="multiline"
    >
      <MessageBarBody>{t(problem.message)}</MessageBarBody>
      <MessageBarActions
        containerAction={
          props.onDismiss ? (
            <Button
              appearance="transparent"
              aria-label={t(S.dismiss)}
              icon={<Dismiss20Regular />}
              onClick={props.onDismiss}
            />
          ) : undefined
        }
      >
        {props.children}
      </MessageBarActions>
    </MessageBar>
  );
}

export function Notice(props: {
  readonly intent: "success" | "info" | "warning" | "error";
  readonly title?: Bilingual;
  readonly text: Bilingual;
  readonly children?: React.ReactNode;
}): React.JSX.Element {
  const { t } = usePane();
  return (
    <MessageBar intent={props.intent} layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{t(props.title)}</MessageBarTitle>}
        {t(props.text)}
      </MessageBarBody>
      {props.children && <MessageBarActions>{props.children}</MessageBarActions>}
    </MessageBar>
  );
}

/** Shown once an action has taken longer than PROGRESS_DELAY_MS. */
export function Progress(props: {
  readonly show: boolean;
  readonly label: Bilingual;
}): React.JSX.Element | null {
  const { t } = usePane();
  if (!props.show) return null;
  return <Spinner size="small" labelPosition="after" label={t(props.label)} role="status" />;
}
