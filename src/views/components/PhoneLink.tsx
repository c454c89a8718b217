import { practice } from '../../config'

/** The clinic's phone number as written, dialled without its spaces. */
export const PhoneLink = () => <a href={`tel:${practice.phone.replace(/\s+/g, '')}`}>{practice.phone}</a>
