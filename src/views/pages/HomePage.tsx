import { formatPrice, practice } from '../../config'
import type { Article } from '../../content/article'
import { clinicJsonLd } from '../structured-data'
import { ArticleList } from '../components/ArticleList'
import { BookingCallout } from '../components/BookingCallout'
import { Layout } from '../Layout'

export const HomePage = ({ latest }: { latest: readonly Article[] }) => (
  <Layout
    meta={{
      title: `${practice.clinicName}: acupuncture with ${practice.practitioner.name}`,
      description: `Acupuncture in ${practice.address.locality} for back pain, sciatica, muscle tension and stress with ${practice.practitioner.name}, ${practice.practitioner.credentials}. Request an appointment online.`,
      path: '/',
      jsonLd: [clinicJsonLd()],
    }}
  >
    <section class="hero" aria-labelledby="page-title">
      <h1 id="page-title">{practice.clinicName}</h1>
      <p class="lead">
        Acupuncture with {practice.practitioner.name}, {practice.practitioner.credentials}, in {practice.address.locality}.
      </p>
      <p>
        <a class="button" href="/book">Request an appointment</a> <a href="/contact">Ask a question</a>
      </p>
    </section>

    <section aria-labelledby="treated">
      <h2 id="treated">What we treat</h2>
      <ul class="columns">
        {practice.conditionsTreated.map((condition) => (
          <li>{condition}</li>
        ))}
      </ul>
    </section>

    <section aria-labelledby="services">
      <h2 id="services">Treatments</h2>
      <ul class="services">
        {practice.services.map((service) => (
          <li>
            <strong>{service.name}</strong> ({service.durationMinutes} minutes, {formatPrice(service.priceCents)})
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
