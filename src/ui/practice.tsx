import { type Child, createContext, useContext } from 'hono/jsx'

/** One line of the week's opening hours: its days in words and each range, as a `<time>` value and as the clinic's locale writes it. */
interface OpeningHoursLine {
  days: string
  ranges: readonly { opens: string; closes: string; opensText: string; closesText: string }[]
}

/**
 * The practice's details as every page's frame shows them (header, footer,
 * phone link, opening hours, canonical address): plain values the route
 * builds from the settings it read for this request.
 */
export interface PracticeDetails {
  clinicName: string
  siteUrl: string
  phone: string
  email: string
  address: { street: string; locality: string; region: string; postalCode: string }
  openingHours: readonly OpeningHoursLine[]
}

const PracticeContext = createContext<PracticeDetails | null>(null)

/**
 * Hands `practice` to the layout and components of the page it wraps, for
 * this render only: nothing below reads a module-level copy of the settings.
 *
 * @example c.html(withPractice(settings, <AboutPage … />))
 */
export const PracticeProvider = ({ practice, children }: { practice: PracticeDetails; children: Child }) => (
  <PracticeContext.Provider value={practice}>{children}</PracticeContext.Provider>
)

/** The practice's details of the render under way; a page rendered without its route's `PracticeProvider` fails here, loudly. */
export function usePractice(): PracticeDetails {
  const practice = useContext(PracticeContext)
  if (!practice) throw new Error('A page was rendered outside PracticeProvider: its route passes the practice details')
  return practice
}
