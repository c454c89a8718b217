import { formatPrice, practice } from '../../config'
import { clinicJsonLd } from '../structured-data'
import { BookingCallout } from '../components/BookingCallout'
import { OpeningHoursList } from '../components/OpeningHoursList'
import { Layout } from '../Layout'

export const AboutPage = () => (
  <Layout
    meta={{
      title: `About ${practice.practitioner.name}`,
      description: `${practice.practitioner.name}, ${practice.practitioner.credentials}, practises acupuncture at ${practice.clinicName} in ${practice.address.locality}.`,
      path: '/about',
      jsonLd: [clinicJsonLd()],
    }}
  >
    <h1>About {practice.practitioner.name}</h1>
    <p class="lead">
      {practice.practitioner.name}, {practice.practitioner.credentials}
    </p>
    <p>{practice.practitioner.bio}</p>

    <h2>Treatments and fees</h2>
    <table>
      <caption class="visually-hidden">Treatments with their length and price</caption>
      <thead>
        <tr>
          <th scope="col">Treatment</th>
          <th scope="col">Length</th>
          <th scope="col">Price</th>
        </tr>
      </thead>
      <tbody>
        {practice.services.map((service) => (
          <tr>
            <th scope="row">{service.name}</th>
            <td>{service.durationMinutes} minutes</td>
            <td>{formatPrice(service.priceCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>

    <h2>Opening hours</h2>
    <OpeningHoursList />
    <p>Times are local to the clinic ({practice.timeZone}).</p>

    <BookingCallout />
  </Layout>
)
