// Prettier, set to the style the code was written in: double quotes, semicolons, trailing commas,
// two-space indents (Prettier's defaults) and long lines. At 160 columns Prettier leaves the most
// lines as they are: narrower widths rewrap the many hand-written lines of 100 to 160 columns,
// wider ones join the argument lists that were wrapped by hand. Comments and prose stay wrapped at
// 100 by hand (Prettier does not rewrap comments). What it leaves alone: .prettierignore.
/** @type {import("prettier").Config} */
export default {
  printWidth: 160,
};
