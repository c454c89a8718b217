import { describe, expect, it } from 'vitest'
import { readAppointmentPolicy } from '../../../src/features/settings/domain/appointment-policy'
import { readSectionForm } from '../../../src/features/settings/form-input'
import { defaultSections } from '../../../src/features/settings/sections'
import { formValuesOf } from '../../../src/features/settings/views/form-values'

const sections = defaultSections(readAppointmentPolicy({}))

describe('the practice form', () => {
  it('reads the country code in capitals, as the numbering plans name countries', () => {
    const form = { ...formValuesOf('practice', sections.practice), 'address.country': ' gb ' }
    expect(readSectionForm('practice', form, sections).candidate).toMatchObject({ address: { ...sections.practice.address, country: 'GB' } })
  })
})
