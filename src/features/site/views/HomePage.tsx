import { formatPrice } from '../../../config'
import { BookingCallout } from '../../../ui/BookingCallout'
import { Layout } from '../../../ui/Layout'
import { clinicJsonLd } from '../../../ui/structured-data'
import { TimeOffNotice } from '../../../ui/TimeOffNotice'
import type { Article } from '../../articles'
import { ArticleList } from '../../articles'
import type { Settings } from '../../settings'

/** `today` is the clinic's calendar date, for the time off still to come. */
export const HomePage = ({ latest, today, settings }: { latest: readonly Article[]; today: string; settings: Settings }) => {
  return (
    <Layout
      meta={{
        title: `${settings.clinicName}: acupuncture with ${settings.practitioner.name}`,
        description: `Acupuncture in ${settings.address.locality} for back pain, sciatica, muscle tension and stress with ${settings.practitioner.name}, ${settings.practitioner.credentials}. Book an appointment online.`,
        path: '/',
        jsonLd: [clinicJsonLd(settings)],
      }}
    >
      <section class="hero" aria-labelledby="page-title">
        <h1 id="page-title">{settings.clinicName}</h1>
        <p class="lead">
          Acupuncture with {settings.practitioner.name}, {settings.practitioner.credentials}, in {settings.address.locality}.
        </p>
        <p>
          <a class="button" href="/book">
            Book an appointment
          </a>{' '}
          <a href="/contact">Ask a question</a>
        </p>
        <TimeOffNotice timeOff={settings.timeOff} today={today} locale={settings.locale} />
      </section>

      <section aria-labelledby="treated">
        <h2 id="treated">What we treat</h2>
        <ul class="columns">
          {settings.conditionsTreated.map((condition) => (
            <li>{condition}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="services">
        <h2 id="services">Treatments</h2>
        <ul class="services">
          {settings.services.map((service) => (
            <li>
              <strong>{service.name}</strong> ({service.durationMinutes} minutes, {formatPrice(service.priceCents, settings)})
              <br />
              {service.description}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="latest">
        <h2 id="latest">Latest articles</h2>
        <ArticleList articles={latest} headingLevel={3} />
        <p>
          <a href="/articles">All articles</a>
        </p>
      </section>

      <BookingCallout />
    </Layout>
  )
}
