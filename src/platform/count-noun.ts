/** A noun's two English forms; Intl.PluralRules picks which one a count takes. */
export interface NounForms {
  one: string
  other: string
}

/**
 * The form of `noun` that `count` takes in `locale`, by Intl.PluralRules.
 *
 * @example nounFor(1, { one: 'view', other: 'views' }, 'en-US') // 'view'
 */
export const nounFor = (count: number, noun: NounForms, locale: string): string =>
  new Intl.PluralRules(locale).select(count) === 'one' ? noun.one : noun.other

/**
 * A count and its noun as the locale says them: the number grouped by
 * Intl.NumberFormat, the noun in the form the count takes, so "1 view", never
 * "1 views".
 *
 * @example countNoun(1234, { one: 'view', other: 'views' }, 'en-US') // '1,234 views'
 */
export const countNoun = (count: number, noun: NounForms, locale: string): string =>
  `${new Intl.NumberFormat(locale).format(count)} ${nounFor(count, noun, locale)}`
