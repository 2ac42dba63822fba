import { z } from 'zod';
import type { ImageReadResult } from '../agents.ts';
import { tidyScreens } from '../sketch.ts';

/** The reader's answer: every field required and no open objects, as strict structured-output modes want. */
export const sketchOutputSchema = z.object({
  screens: z.array(
    z.object({
      title: z.string(),
      kind: z.enum(['screen', 'popup']),
      elements: z.array(z.string()),
      leadsTo: z.array(z.object({ title: z.string(), trigger: z.string() })),
    }),
  ),
  clarifyingQuestion: z.string().nullable(),
});

/** The screens read, tidied; a question back instead when the reader asks one or saw nothing. */
export const sketchReading = (output: z.infer<typeof sketchOutputSchema>): Pick<ImageReadResult, 'screens' | 'clarifyingQuestion'> => {
  const question = output.clarifyingQuestion?.trim();
  const screens = tidyScreens(output.screens);
  if (question) return { screens: [], clarifyingQuestion: question };
  if (screens.length === 0) return { screens: [], clarifyingQuestion: 'The image shows no screens I can read. What should the flow show?' };
  return { screens };
};
