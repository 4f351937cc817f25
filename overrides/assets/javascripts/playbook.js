/* Partnership Playbook: progressive enhancement for checklist forms. */
