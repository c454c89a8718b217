import { formatPrice } from '../../../../config'
import { Layout } from '../../../../ui/Layout'
import { OpeningHoursList } from '../../../../ui/OpeningHoursList'
import { TimeOffNotice } from '../../../../ui/TimeOffNotice'
import type { Settings } from '../../../settings'
import { bookLink } from './links'

/** The first step of booking: the treatments offered, each opening its week of free times (`source`: the article the patient came from; `today`: the clinic date, for the time off still to come). */
export const TreatmentsPage = ({ settings, today, notice, source }: { settings: Settings; today: string; notice?: string; source?: string }) => (
  <Layout
    meta={{
      title: 'Book an appointment',
      description: `Book an acupuncture appointment with ${settings.practitioner.name}: choose a treatment, then one of its free times.`,
      path: '/book',
    }}
  >
    <h1>Book an appointment</h1>
    {notice ? (
      <div class="notice" role="alert">
        <p>{notice}</p>
      </div>
    ) : null}
    <p>Choose a treatment to see its free times.</p>
    <ul class="treatment-list">
      {settings.services.map((service) => (
        <li>
          <a href={bookLink({ treatment: service.id }, source)}>{service.name}</a>: {service.durationMinutes} minutes,{' '}
          {formatPrice(service.priceCents, settings)}
          {service.description ? <p>{service.description}</p> : null}
        </li>
      ))}
    </ul>
    <OpeningHoursList />
    <TimeOffNotice timeOff={settings.timeOff} today={today} locale={settings.locale} />
    <p>
      A question first? <a href="/contact">Send us a message</a>.
    </p>
  </Layout>
)
