import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout every tab of the pane shares: a column of blocks, and rows of buttons that wrap. */
export const useTabLayout = makeStyles({
  screen: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});
