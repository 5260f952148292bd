type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type WithoutRussianPlurals<T> = {
  [K in keyof T as K extends `${string}_few` | `${string}_many` ? never : K]: T[K] extends string ? string : WithoutRussianPlurals<T[K]>;
};
/**
 * The English of a Russian translation object: the same keys, less the Russian-only plural
 * forms (few, many), any strings. Used with `satisfies`, so a key missing in English, or one
 * Russian does not have, fails the typecheck.
 */
export type English<Russian> = WithoutRussianPlurals<Shape<Russian>>;
