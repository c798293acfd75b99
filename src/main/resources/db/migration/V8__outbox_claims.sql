-- Step 9: the outbox sends each mail at most once per recipient.
-- claim_token: the claim a dispatcher holds on a SENDING row; every change of the row names it,
--   so a node whose lease was taken over changes nothing.
-- possibly_repeated: the row was found SENDING after its lease ran out (its node died while it
--   sent) and was sent again, with the same Message-ID.
-- rejected_recipients: the addresses the SMTP server refused while it took the mail for the others.
alter table mail_outbox add column claim_token varchar(36);
alter table mail_outbox add column possibly_repeated boolean default false not null;
alter table mail_outbox add column rejected_recipients varchar(4000);
