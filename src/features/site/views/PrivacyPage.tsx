import { Layout } from '../../../ui/Layout'
import { usePractice } from '../../../ui/practice'
import type { RetentionPolicy } from '../../inbox'

/** Who this deployment tells of a request, and how much it says: the notice must match the configuration. */
export interface NotificationDisclosure {
  /** The practitioner is emailed each request. */
  email: boolean
  /** Each request is posted to a chat or push service through the webhook. */
  chat: boolean
  /** The patient is emailed an acknowledgement. */
  acknowledgement: boolean
  /** Notifications carry the message and health details too (NOTIFY_DETAILS=full). */
  healthDetails: boolean
}

function practitionerChannels({ email, chat }: NotificationDisclosure): string | undefined {
  const chatService = 'a message to the chat or notification service the clinic uses (such as Slack, Discord or ntfy)'
  if (email && chat) return `by email and by ${chatService}`
  if (email) return 'by email'
  if (chat) return `by ${chatService}`
  return undefined
}

const NotificationNotice = ({ notifications }: { notifications: NotificationDisclosure }) => {
  const channels = practitionerChannels(notifications)
  return (
    <>
      {channels === undefined ? (
        <p>No notification sends your details to the practitioner: they read each request in the clinic’s private inbox.</p>
      ) : notifications.healthDetails ? (
        <p>
          The practitioner is told of each request {channels} with your name, contact details, requested times, your message and your health details (the
          treatment, what the pain is like, whether you are a new patient, and any notes).
        </p>
      ) : (
        <p>
          The practitioner is told of each request {channels} with your name, contact details and requested times; your message and health details stay in the
          clinic’s private inbox.
        </p>
      )}
      {notifications.chat && <p>That service may keep its own copy of the message, under its own terms.</p>}
      {notifications.acknowledgement && (
        <p>
          We email you an acknowledgement with your reference code, what happens next and a link to your request’s own page. It repeats nothing you typed in the
          form. So that nobody can use our forms to flood an inbox, each address gets at most one acknowledgement a day; to know that, we keep a one-way keyed
          fingerprint of the address (not the address itself) for two days.
        </p>
      )}
      <p>
        When we confirm an appointment, we email you its time with a calendar invitation
        {notifications.healthDetails ? ', naming the treatment.' : '.'}
      </p>
    </>
  )
}

export const PrivacyPage = ({ retention, notifications }: { retention: RetentionPolicy; notifications: NotificationDisclosure }) => (
  <Layout
    meta={{
      title: 'Privacy notice',
      description: `What ${usePractice().clinicName} stores when you contact us or request an appointment, why, for how long, and how to have it erased.`,
      path: '/privacy',
    }}
  >
    <h1>Privacy notice</h1>
    <p>
      {usePractice().clinicName} ({usePractice().address.street}, {usePractice().address.locality}) is responsible for the information you send through this
      site. We keep as little as we can.
    </p>

    <h2>Reading articles</h2>
    <p>
      Reading this site sets no cookies and runs no tracking or advertising scripts. Our hosting provider processes your IP address to deliver pages and to
      protect the site from abuse; we do not store it.
    </p>

    <h2>What we count when you read</h2>
    <p>
      So the practitioner knows which articles help people, the site counts page views itself, with no cookie, no script and no outside service. It keeps, for
      each day and page, the number of views, the number of distinct readers, and how many times the booking or contact form was opened from an article; and,
      for each day, the name of the website a link to us was followed from (such as a search engine), without the rest of its address.
    </p>
    <p>
      To tell readers apart within one day, your IP address and browser name are combined with a value for that day and scrambled into a code. That value is
      worked out from the date and a secret key that is kept apart from the database and never stored, so no one who has only our database, or a copy of it, can
      turn a code back into an address. Neither your IP address, nor your browser name, nor that code is stored anywhere else or written to our logs. Once the
      day is over, the day’s codes are counted, then deleted; the database’s own history keeps them for up to 30 days, and each day’s codes differ from the next
      day’s, so your visits on two days do not match. The daily counts are deleted after 13 months. Search engines and other robots, and the practitioner when
      signed in, are not counted.
    </p>

    <h2>What we store when you contact us or request an appointment</h2>
    <ul>
      <li>your name, email address and phone number, so we can reply;</li>
      <li>
        your message, or for a booking request the service, your preferred times, what the pain is like, whether you are a new patient, and any notes, so we can
        prepare;
      </li>
      <li>the date and time of the request and a reference code;</li>
      <li>
        the messages we write you about it and, when you answer one of our emails, the words of your answer (without the earlier emails it quotes); attachments
        are not kept, we only note that there was one;
      </li>
      <li>
        if you came from one of our articles, which one, and your answer to “How did you hear about us?” if you gave one, so we know which articles help people
        find us.
      </li>
    </ul>
    <p>We do not store your IP address. It is used only for a moment, to limit how often one connection can send the forms.</p>
    <p>
      We use this information only to answer you and arrange your care. Our legal basis is your consent, given on the form, and the steps needed before treating
      you. Nothing is sold or shared for marketing. When the forms show a security check, it is Cloudflare Turnstile, which checks that a person is sending the
      form without setting tracking cookies.
    </p>

    <h2>What our logs hold</h2>
    <p>
      The site logs what it does, such as a request stored or a notification sent, by reference numbers and counts only: never your name, email address, phone
      number, message or IP address, and error texts are logged with email addresses removed. Our hosting provider’s own request logs, which would record
      addresses and full web addresses, are switched off for this site. The clinic’s inbox keeps searches out of web addresses too.
    </p>

    <h2>Who is told of your request</h2>
    <NotificationNotice notifications={notifications} />

    <h2>How long we keep it</h2>
    <p>
      Requests are deleted automatically {retention.requestDays} days after they arrive, and messages marked as spam after {retention.spamDays} days. A place on
      the waitlist is deleted {retention.requestDays} days after it ends (you leave, take a time, or it expires). Database backups may hold deleted data for up
      to 30 days longer before they expire. Records of your treatment, once you become a patient, are kept separately under the rules for health records.
    </p>

    <h2>Your rights</h2>
    <p>
      You can ask to see, correct or erase what we hold about you at any time: email <a href={`mailto:${usePractice().email}`}>{usePractice().email}</a> or call{' '}
      {usePractice().phone}. We erase every request made with your email address and confirm when it is done.
    </p>
  </Layout>
)
