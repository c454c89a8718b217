import { formatPhone, phoneHref } from '../../../platform/phone'

/** A patient's stored number as the clinic dials it: national in the clinic's country, international otherwise; older values as stored. */
export const PatientPhone = ({ stored, country }: { stored: string; country: string }) => <a href={phoneHref(stored)}>{formatPhone(stored, country)}</a>
