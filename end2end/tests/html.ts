import { createHash } from 'node:crypto';
import { HtmlValidate, type ConfigData } from 'html-validate';

/**
 * html-validate's recommended rules, with only these turned off or eased —
 * each for something the framework or a deliberate choice emits:
 */
const config: ConfigData = {
  extends: ['html-validate:recommended'],
  rules: {
    // The search box's suggestions are an ARIA combobox's listbox (typed
    // text filtered as you go), which a native <select> cannot be.
    'prefer-native-element': ['error', { exclude: ['listbox'] }],
  },
};

const validator = new HtmlValidate(config);
const seen = new Map<string, string[]>();

/**
 * Leptos marks the boundaries of dynamic text with `<!>`, which browsers read
 * as an empty comment but html-validate cannot tokenize; it becomes the
 * equivalent `<!---->` before validation.
 */
function prepare(html: string): string {
  return html.replaceAll('<!>', '<!---->');
}

/** The errors html-validate finds in a page, one line each (memoised by content). */
export async function htmlErrors(html: string, url: string): Promise<string[]> {
  const key = createHash('sha256').update(html).digest('hex');
  const known = seen.get(key);
  if (known) return known.map((e) => `${e} (${url})`);
  const report = await validator.validateString(prepare(html), url);
  const errors = report.results.flatMap((r) =>
    r.messages
      .filter((m) => m.severity === 2)
      .map((m) => `html ${m.ruleId}: ${m.message} at ${m.line}:${m.column} “${(m.selector ?? '').slice(0, 80)}”`),
  );
  seen.set(key, errors);
  return errors.map((e) => `${e} (${url})`);
}
