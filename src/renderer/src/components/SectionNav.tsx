import { useEffect, useState } from 'react'

export interface PageSection {
  id: string
  label: string
}

/**
 * A sticky list of the page's sections. Buttons, not #anchors: the hash holds the route. Jumping
 * moves focus to the section's heading so keyboard and screen reader users land where they asked.
 */
export function SectionNav({ sections }: { sections: PageSection[] }) {
  const current = useCurrentSection(sections)
  const jump = (id: string) => {
    const heading = document.getElementById(`${id}-title`)
    heading?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' })
    heading?.focus({ preventScroll: true })
  }
  return (
    <nav className="section-nav" aria-label="Sections of this page">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <button type="button" className="section-nav-link" aria-current={current === s.id ? 'location' : undefined} onClick={() => jump(s.id)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** A section with a heading the nav can jump to. */
export function PageSectionBlock({ section, children, intro }: { section: PageSection; children: React.ReactNode; intro?: React.ReactNode }) {
  return (
    <section id={section.id} className="page-section" aria-labelledby={`${section.id}-title`}>
      <h2 id={`${section.id}-title`} className="section-title" tabIndex={-1}>
        {section.label}
      </h2>
      {intro}
      {children}
    </section>
  )
}

/** The last section whose top has scrolled past the nav. */
function useCurrentSection(sections: PageSection[]): string | undefined {
  const [current, setCurrent] = useState(sections[0]?.id)
  useEffect(() => {
    const update = () => {
      let found = sections[0]?.id
      for (const s of sections) {
        const top = document.getElementById(s.id)?.getBoundingClientRect().top
        if (top !== undefined && top <= 120) found = s.id
      }
      // At the bottom of the page the last sections may never reach the top: the last one wins.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) found = sections.at(-1)?.id
      setCurrent(found)
    }
    update()
    window.addEventListener('scroll', update, { passive: true })
    window.addEventListener('resize', update)
    return () => {
      window.removeEventListener('scroll', update)
      window.removeEventListener('resize', update)
    }
  }, [sections])
  return current
}
