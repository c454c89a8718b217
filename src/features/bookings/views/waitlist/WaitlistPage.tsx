import { fullDayName, type Weekday } from '../../../../config'
import { Layout } from '../../../../ui/Layout'
import { PhoneLink } from '../../../../ui/PhoneLink'
import { periodHours } from '../../domain/booking-window'
import type { DayPeriod } from '../../domain/vocabulary'
import { describeDate, describeStart } from '../../domain/waitlist-words'

export interface WaitlistPageProps {
  /** The page's own address, which its buttons post under. */
  action: string
  pageToken: string
  state: 'waiting' | 'left' | 'booked' | 'expired'
  treatment: string
  fromDate: string
  toDate: string
  days: readonly Weekday[]
  parts: readonly DayPeriod[]
  /** The last clinic date the entry waits for. */
  until: string
  offers: readonly { id: string; start: Date }[]
  message?: { text: string; kind: 'done' | 'refused' }
  clock: { locale: string; timeZone: string }
}

const stateText: Record<Exclude<WaitlistPageProps['state'], 'waiting'>, string> = {
  left: 'You have left the waitlist. We will not offer you times any more.',
  booked: 'You took a time from the waitlist, so you are no longer on it.',
  expired: 'Your time on the waitlist has ended. You are welcome to join it again.',
}

/** A waitlisted patient's page: their wish, the times offered to them, and leaving the list. */
export const WaitlistPage = (props: WaitlistPageProps) => (
  <Layout meta={{ title: 'Your waitlist place', description: 'The times we offer you, and your place on the waitlist.', path: '/waitlist', noindex: true }}>
    <h1>Your waitlist place</h1>
    {props.message ? (
      <div class={props.message.kind === 'done' ? 'notice notice-ok' : 'notice'} role={props.message.kind === 'done' ? 'status' : 'alert'}>
        <p>{props.message.text}</p>
      </div>
    ) : null}
    {props.state === 'waiting' ? (
      <p>
        You are on the waitlist until {describeDate(props.until, props.clock.locale)}. Keep this page’s address (we have emailed it to you): it is where we
        offer you times.
      </p>
    ) : (
      <p>{stateText[props.state]}</p>
    )}
    <dl class="details">
      <dt>Treatment</dt>
      <dd>{props.treatment}</dd>
      <dt>Dates</dt>
      <dd>
        {describeDate(props.fromDate, props.clock.locale)} to {describeDate(props.toDate, props.clock.locale)}
      </dd>
      <dt>Days</dt>
      <dd>{props.days.map(fullDayName).join(', ')}</dd>
      <dt>Parts of the day</dt>
      <dd>{props.parts.map((part) => periodHours[part].label).join(', ')}</dd>
    </dl>
    {props.state === 'waiting' ? (
      <>
        <h2>Times offered to you</h2>
        {props.offers.length === 0 ? (
          <p>No time has come free yet. We will email you when one does.</p>
        ) : (
          <ul>
            {props.offers.map((offer) => (
              <li>
                <form method="post" action={`${props.action}/take`}>
                  <input type="hidden" name="pageToken" value={props.pageToken} />
                  <input type="hidden" name="offer" value={offer.id} />
                  <p>{describeStart(offer.start, props.clock)}</p>
                  <button type="submit" class="button">
                    Take this time
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2>Leave the waitlist</h2>
        <form method="post" action={`${props.action}/leave`}>
          <input type="hidden" name="pageToken" value={props.pageToken} />
          <button type="submit" class="button">
            Leave the waitlist
          </button>
        </form>
      </>
    ) : null}
    <p>
      Questions? Call us on <PhoneLink />.
    </p>
  </Layout>
)

/**
 * The page a trapped bot's link opens: it reads as a patient's first look at
 * their place (the same title, heading and notice) and holds nothing.
 */
export const WaitlistPlaceholderPage = ({ message }: { message: WaitlistPageProps['message'] }) => (
  <Layout meta={{ title: 'Your waitlist place', description: 'The times we offer you, and your place on the waitlist.', path: '/waitlist', noindex: true }}>
    <h1>Your waitlist place</h1>
    {message ? (
      <div class="notice notice-ok" role="status">
        <p>{message.text}</p>
      </div>
    ) : null}
    <p>Keep this page’s address (we have emailed it to you): it is where we offer you times.</p>
    <p>
      Questions? Call us on <PhoneLink />.
    </p>
  </Layout>
)

/** Unknown and malformed links get this one answer. */
export const WaitlistNotFoundPage = () => (
  <Layout meta={{ title: 'Page not found', description: 'Page not found', path: '/waitlist', noindex: true }}>
    <h1>Page not found</h1>
    <p>This link does not open a waitlist place. It may be mistyped.</p>
    <p>
      Call us on <PhoneLink />, or <a href="/waitlist/join">join the waitlist</a>.
    </p>
  </Layout>
)
