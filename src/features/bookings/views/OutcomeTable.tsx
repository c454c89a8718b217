import { stateLabels } from '../domain/states'
import { outcomeStates } from '../domain/vocabulary'
import type { OutcomeCounts } from '../store/appointment-queries'

/** How appointments ended this month and last month, by the clinic's calendar. */
export interface OutcomeSummary {
  thisMonth: OutcomeCounts
  lastMonth: OutcomeCounts
}

/** Under the inbox list: how many appointments were attended, missed or cancelled too late. */
export const OutcomeTable = ({ thisMonth, lastMonth }: OutcomeSummary) => (
  <section aria-labelledby="outcomes-heading">
    <h2 id="outcomes-heading">How appointments went</h2>
    <div class="table-scroll">
      <table class="reflow">
        <caption class="visually-hidden">Appointments by outcome, counted by their start</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {outcomeStates.map((state) => (
              <th scope="col">{stateLabels[state]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['This month', thisMonth],
              ['Last month', lastMonth],
            ] as const
          ).map(([month, counts]) => (
            <tr>
              <th scope="row">{month}</th>
              {outcomeStates.map((state) => (
                <td data-label={stateLabels[state]}>{counts[state]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
)
