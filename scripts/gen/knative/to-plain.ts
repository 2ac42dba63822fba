/**
 * A model's data as a plain object (undefined fields dropped), typed as the model's interface.
 * (`toJSON()` is typed `any` or `unknown`, depending on the model package's base version.)
 */
export const toPlain = <I>(model: I & { toJSON(): unknown }): I => model.toJSON() as I;
