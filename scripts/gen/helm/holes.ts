import { stringify } from 'yaml';

/**
 * YAML with Helm template expressions in it. A value to be templated is first a placeholder string
 * (`hole`), the document is written by the same YAML library as the manifests, and the placeholders
 * are then swapped for the expressions: inline ones for a scalar, block ones for a whole line (a
 * key whose value is an included block, or a list item that a condition adds).
 */
export const templatedYaml = () => {
  const inline = new Map<string, string>();
  const blocks = new Map<string, (indent: string) => string>();
  let count = 0;
  return {
    /** A scalar that becomes `{{ expression }}`. */
    hole(expression: string): string {
      const key = `__HELM_${count++}__`;
      inline.set(key, `{{ ${expression} }}`);
      return key;
    },
    /** A whole line (`key: <hole>` or `- <hole>`) that becomes what `render(indent)` returns. */
    block(render: (indent: string) => string): string {
      const key = `__HELMBLOCK_${count++}__`;
      blocks.set(key, render);
      return key;
    },
    stringify(document: unknown): string {
      const text = stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
      return text
        .split('\n')
        .map((line) => {
          const block = /^(\s*)(?:- |[^\s:]+: )(__HELMBLOCK_\d+__)$/.exec(line);
          if (block) return blocks.get(block[2]!)!(block[1]!);
          return line.replace(/__HELM_\d+__/g, (key) => inline.get(key) ?? key);
        })
        .join('\n');
    },
  };
};

/** `text` indented by `indent` on every non-empty line. */
export const indented = (text: string, indent: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `${indent}${line}` : line))
    .join('\n');
