import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Noto Sans, shipped with the project as an npm package (OFL-1.1), so every machine embeds the same glyphs and a
// document made twice from the same data is the same file. It covers å, ä, ö, §, – and the non-breaking spaces of
// "10 000 000 kr".

const require = createRequire(import.meta.url);
const fontFile = (name: string) => require.resolve(`@expo-google-fonts/noto-sans/${name}`);

let loaded: { regular: Buffer; bold: Buffer } | undefined;

/** The regular and bold faces, read once per process. */
export function documentFonts(): { regular: Buffer; bold: Buffer } {
  loaded ??= {
    regular: readFileSync(fontFile("400Regular/NotoSans_400Regular.ttf")),
    bold: readFileSync(fontFile("700Bold/NotoSans_700Bold.ttf")),
  };
  return loaded;
}
