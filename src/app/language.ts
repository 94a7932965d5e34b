import { Bilingual } from "../domain";

/** The language the pane speaks: Vietnamese first, English when Office's display language is not Vietnamese. */
export type Lang = "vi" | "en";

/** "vi-VN", "vi" → vi; anything else (or nothing: outside Office) → en. */
export function langOf(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^vi\b/i.test(displayLanguage) ? "vi" : "en";
}

/** The text of a bilingual message in one language. */
export function say(text: Bilingual, lang: Lang): string {
  return text[lang];
}
