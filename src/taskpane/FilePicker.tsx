import * as React from "react";
import { Button } from "@fluentui/react-components";

/**
 * A button that opens the computer's file chooser (a hidden `<input type="file">`, labelled like the
 * button so tests and screen readers find it). The chooser is emptied once read, so picking the same
 * file again reads it again. The pane's targets file, custom templates, unit files and the preview's
 * "Mở tệp…" all pick files through it.
 */
export function FilePicker(props: {
  readonly label: string;
  readonly accept: string;
  readonly icon: React.JSX.Element;
  readonly onFiles: (files: File[]) => void;
  readonly multiple?: boolean;
  readonly appearance?: "primary";
  readonly size?: "small";
  readonly disabled?: boolean;
  /** The visible text when it differs from the label ("Mở tệp…" for "Chọn tệp .xlsx"). */
  readonly children?: React.ReactNode;
  readonly testId?: string;
}): React.JSX.Element {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        multiple={props.multiple}
        accept={props.accept}
        aria-label={props.label}
        data-testid={props.testId}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = "";
          if (files.length) props.onFiles(files);
        }}
      />
      <Button
        size={props.size}
        appearance={props.appearance}
        icon={props.icon}
        onClick={() => input.current?.click()}
        disabled={props.disabled}
      >
        {props.children ?? props.label}
      </Button>
    </>
  );
}
