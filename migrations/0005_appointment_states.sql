-- Bookings stored before appointment states existed: confirmed when a time was set, requested otherwise.
UPDATE `requests` SET `appointment_state` = CASE WHEN `confirmed_start` IS NULL THEN 'requested' ELSE 'confirmed' END WHERE `kind` = 'booking' AND `appointment_state` IS NULL;
