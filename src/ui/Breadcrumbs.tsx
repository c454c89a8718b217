import type { Crumb } from './structured-data'

export const Breadcrumbs = ({ crumbs }: { crumbs: readonly Crumb[] }) => (
  <nav aria-label="Breadcrumb" class="breadcrumbs">
    <ol>
      {crumbs.map((crumb, index) =>
        index === crumbs.length - 1 ? (
          <li aria-current="page">{crumb.name}</li>
        ) : (
          <li>
            <a href={crumb.path}>{crumb.name}</a>
          </li>
        ),
      )}
    </ol>
  </nav>
)
