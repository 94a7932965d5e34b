/**
 * The built-in templates as the add-in ships them (webpack.config.js): each section's and row's
 * `source`, the seed line it cites, is documentation for whoever maintains the catalog; the pane never
 * shows it, and it is a fifth of Biểu 01's JSON. Everything else is kept as it is, so the pane checks
 * with the very rows, relations and words the command line uses (test/office/templateSources.test.ts).
 */
function withoutSources(template) {
  const strip = (items) =>
    Array.isArray(items)
      ? items.map((item) => {
          if (!item || typeof item !== "object") return item;
          const { source, ...rest } = item;
          void source;
          return rest;
        })
      : items;
  return {
    ...template,
    sections: strip(template.sections),
    indicators: strip(template.indicators),
  };
}

module.exports = { withoutSources };
