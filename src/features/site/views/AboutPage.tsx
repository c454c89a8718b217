import { formatPrice } from '../../../config'
import { BookingCallout } from '../../../ui/BookingCallout'
import { Layout } from '../../../ui/Layout'
import { OpeningHoursList } from '../../../ui/OpeningHoursList'
import { clinicJsonLd } from '../../../ui/structured-data'
import type { Settings } from '../../settings'

export const AboutPage = ({ settings }: { settings: Settings }) => {
  return (
    <Layout
      meta={{
        title: `About ${settings.practitioner.name}`,
        description: `${settings.practitioner.name}, ${settings.practitioner.credentials}, practises acupuncture at ${settings.clinicName} in ${settings.address.locality}.`,
        path: '/about',
        jsonLd: [clinicJsonLd(settings)],
      }}
    >
      <h1>About {settings.practitioner.name}</h1>
      <p class="lead">
        {settings.practitioner.name}, {settings.practitioner.credentials}
      </p>
      <p>{settings.practitioner.bio}</p>

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
          {settings.services.map((service) => (
            <tr>
              <th scope="row">{service.name}</th>
              <td>{service.durationMinutes} minutes</td>
              <td>{formatPrice(service.priceCents, settings)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Opening hours</h2>
      <OpeningHoursList />
      <p>Times are local to the clinic ({settings.timeZone}).</p>

      <BookingCallout />
    </Layout>
  )
}
